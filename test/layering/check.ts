import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layering rules of design.md, checked by reading every import:
 * - the core, the core process, the headless shell, automation and the sandboxes never import
 *   `electron`, nor the Electron shell's main process (electron/main), which may;
 * - the renderer reaches electron/ only through type imports of the API's types file;
 * - the sandboxed preload imports only `electron`, the channel names and types (a sandboxed
 *   preload has no Node to load anything else with);
 * - product code never imports the sandboxes.
 */
export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const API_TYPES = 'electron/core/api/types';
const PRELOAD = 'electron/main/preload.ts';
const PRELOAD_CHANNELS = 'electron/main/channels';

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

export function checkLayering(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    for (const ref of importsOf(file)) {
      const target = resolveTarget(root, file, ref.specifier);
      const rule = brokenRule(rel, ref, target);
      if (rule) violations.push({ file: rel, line: ref.line, specifier: ref.specifier, rule });
    }
  }
  return violations;
}

function brokenRule(rel: string, ref: ImportRef, target: string | null): string | null {
  const importsElectron = ref.specifier === 'electron' || ref.specifier.startsWith('electron/');
  const mustStayPlainNode = ['electron/core/', 'electron/core-process/', 'electron/headless/', 'automation/', 'sandbox/'].some((p) =>
    rel.startsWith(p),
  );
  if (mustStayPlainNode && importsElectron) return 'runs under plain Node: must not import electron';
  if (mustStayPlainNode && target?.startsWith('electron/main/')) return 'runs under plain Node: must not import the Electron main process';
  if (rel === PRELOAD) {
    const allowed = ref.specifier === 'electron' || ref.typeOnly || target === PRELOAD_CHANNELS;
    if (!allowed) return 'the sandboxed preload may import only electron, ./channels and types';
  }
  if (rel.startsWith('renderer/')) {
    if (importsElectron) return 'renderer must not import electron';
    if (target?.startsWith('electron/')) {
      const isApiTypes = target.replace(/\.(ts|tsx)$/, '') === API_TYPES;
      if (!isApiTypes || !ref.typeOnly) return `renderer may import from electron/ only types from ${API_TYPES}`;
    }
  }
  // Tests beside product code may start sandboxes to run against; the product itself may not.
  const isProduct = ['electron/', 'renderer/', 'automation/'].some((p) => rel.startsWith(p)) && !/\.test\.tsx?$/.test(rel);
  if (isProduct && target?.startsWith('sandbox/')) return 'product code must not import the sandboxes';
  return null;
}

/** Repository-relative path of a relative import, or null for packages. */
function resolveTarget(root: string, file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
}

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const refs: ImportRef[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly, line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, line: lineOf(node) });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      const isDynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isDynamic || isRequire) refs.push({ specifier: (node.arguments[0] as ts.StringLiteral).text, typeOnly: false, line: lineOf(node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      refs.push({ specifier: node.argument.literal.text, typeOnly: true, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

function* sourceFiles(root: string): Generator<string> {
  for (const top of ['electron', 'renderer', 'automation', 'sandbox']) {
    const dir = path.join(root, top);
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) yield* walk(dir);
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}
