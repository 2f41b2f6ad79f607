import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/**
 * `npx tsx scripts/make-icon.ts`: draws the app's icon into resources/ — icon.png (512 px, for
 * electron-builder) and icon.ico (16 to 256 px, the installer's and the window's) — and the
 * tray's icons into resources/tray/, one per state the tray shows (tray-model.ts): running (the
 * app's green), stopped (grey) and attention (green with an orange dot), each as an .ico of the
 * sizes Windows asks for at 100–200 % scaling and a 32 px .png for other systems.
 * The mark is a white check in a rounded square, drawn with coverage sampling so edges are
 * smooth at every size. Run again only when the design changes; the files are committed.
 */
const GREEN = [0x06, 0xc7, 0x55] as const;
const GREY = [0x8a, 0x8f, 0x98] as const;
const ORANGE = [0xf5, 0x8a, 0x07] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const SAMPLES = 4;

export type IconVariant = 'app' | 'running' | 'stopped' | 'attention';
export const TRAY_VARIANTS = ['running', 'stopped', 'attention'] as const satisfies readonly IconVariant[];
export const TRAY_ICO_SIZES = [16, 20, 24, 32, 40, 48] as const;

/** The badge of the attention icon: a dot in the top right corner, with a white ring so it reads on the green. */
function badgeAt(x: number, y: number): 'dot' | 'ring' | null {
  const d = (x - 0.76) ** 2 + (y - 0.24) ** 2;
  if (d <= 0.2 ** 2) return 'dot';
  if (d <= 0.26 ** 2) return 'ring';
  return null;
}

/** Coverage of the rounded square and of the check at (x, y) in a unit square. */
function shapeAt(x: number, y: number): { square: boolean; mark: boolean } {
  const inset = 0.04;
  const radius = 0.2;
  const cx = Math.min(Math.max(x, inset + radius), 1 - inset - radius);
  const cy = Math.min(Math.max(y, inset + radius), 1 - inset - radius);
  const square = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset;
  const mark = nearSegment(x, y, [0.27, 0.52], [0.43, 0.68], 0.065) || nearSegment(x, y, [0.43, 0.68], [0.74, 0.34], 0.065);
  return { square, mark };
}

function nearSegment(x: number, y: number, [ax, ay]: readonly number[], [bx, by]: readonly number[], width: number): boolean {
  const dx = bx! - ax!;
  const dy = by! - ay!;
  const t = Math.max(0, Math.min(1, ((x - ax!) * dx + (y - ay!) * dy) / (dx * dx + dy * dy)));
  return (x - (ax! + t * dx)) ** 2 + (y - (ay! + t * dy)) ** 2 <= width ** 2;
}

/** RGBA rows, each led by PNG's filter byte 0. */
function draw(size: number, variant: IconVariant): Buffer {
  const base = variant === 'stopped' ? GREY : GREEN;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py += 1) {
    const row = py * (size * 4 + 1);
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          const hit = shapeAt(x, y);
          const badge = variant === 'attention' ? badgeAt(x, y) : null;
          const colour = badge === 'dot' ? ORANGE : badge === 'ring' ? WHITE : hit.square ? (hit.mark ? WHITE : base) : null;
          if (!colour) continue;
          covered += 1;
          for (let c = 0; c < 3; c += 1) sum[c]! += colour[c]!;
        }
      }
      const at = row + 1 + px * 4;
      for (let c = 0; c < 3; c += 1) rows[at + c] = covered === 0 ? base[c]! : Math.round(sum[c]! / covered);
      rows[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return rows;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function png(size: number, variant: IconVariant = 'app'): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bits per channel
  header.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(draw(size, variant), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico of PNG images, which Windows reads since Vista; 256 is written as 0 in the directory. */
export function ico(sizes: readonly number[], variant: IconVariant = 'app'): Buffer {
  const images = sizes.map((size) => png(size, variant));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(images[i]!.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += images[i]!.length;
  });
  return Buffer.concat([header, ...images]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = path.join(import.meta.dirname, '..', 'resources');
  writeFileSync(path.join(dir, 'icon.png'), png(512));
  writeFileSync(path.join(dir, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
  mkdirSync(path.join(dir, 'tray'), { recursive: true });
  for (const variant of TRAY_VARIANTS) {
    writeFileSync(path.join(dir, 'tray', `tray-${variant}.ico`), ico(TRAY_ICO_SIZES, variant));
    writeFileSync(path.join(dir, 'tray', `tray-${variant}.png`), png(32, variant));
  }
  console.log(`icon.png, icon.ico and tray/ written to ${dir}`);
}
