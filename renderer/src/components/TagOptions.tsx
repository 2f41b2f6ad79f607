import { isolated } from './OutsideText';

interface TagChoice {
  id: string | number;
  name: string;
  folder?: string | null;
}

/** A tag as a select offers it: folder and name, each isolated so neither can reorder the other. */
export function tagChoiceLabel(tag: TagChoice): string {
  return tag.folder ? `${isolated(tag.folder)} / ${isolated(tag.name)}` : isolated(tag.name);
}

/** The options of a tag picker; the names are the shop's data, not words to translate. */
export function TagOptions({ tags }: { tags: readonly TagChoice[] }) {
  return (
    <>
      {tags.map((tag) => (
        <option key={tag.id} value={tag.id} translate="no">
          {tagChoiceLabel(tag)}
        </option>
      ))}
    </>
  );
}
