import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { BUILDER_CONFIG, fuseProblems, readBuilderConfig } from '../packaging/builder-config';

/**
 * A static check of the desktop app against Electron's security checklist, in place of
 * Electronegativity (unmaintained, and it exits 0 whatever it finds). It reads the main
 * process's sources (electron/main, tests aside) and electron-builder.yml, and reports:
 * - a window preference that weakens the renderer (nodeIntegration, contextIsolation, sandbox,
 *   webSecurity, allowRunningInsecureContent, webviewTag, ...), or one set to something the
 *   check cannot read;
 * - a BrowserWindow whose options do not turn on context isolation and the sandbox and turn
 *   off Node;
 * - the remote module, in any form;
 * - a preload handing the page ipcRenderer itself or one of its methods, which would let any
 *   script in the page send on every channel;
 * - `shell.openExternal` with anything but a literal or a URL first passed through an
 *   `isAllowed…` / `isSafe…` / `isTrusted…` check in an enclosing `if`;
 * - no Content-Security-Policy, or one allowing inline or eval'd script;
 * - navigation, new windows or permissions left unguarded;
 * - fuses left on or missing.
 * A finding may be accepted only with a reason in security/justified.yml.
 */
export interface Finding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

export interface Justification {
  rule: string;
  file: string;
  reason: string;
}

export const JUSTIFIED_FILE = 'security/justified.yml';
const MAIN_DIR = 'electron/main';

/** Preferences that must hold exactly this value wherever they are written. */
const SAFE_PREFERENCES: Readonly<Record<string, boolean>> = {
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  contextIsolation: true,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  enableBlinkFeatures: false,
  enableRemoteModule: false,
  allowFileAccessFromFileUrls: false,
  allowUniversalAccessFromFileUrls: false,
};

/** What every window must say for itself rather than leave to a default. */
const REQUIRED_PREFERENCES = ['contextIsolation', 'sandbox', 'nodeIntegration'] as const;

const DANGEROUS_SWITCHES = /^(disable-web-security|ignore-certificate-errors|allow-insecure-localhost|no-sandbox|disable-site-isolation-trials|remote-debugging-port|inspect)/;

interface Source {
  file: string;
  sf: ts.SourceFile;
  text: string;
}

export function checkElectronSecurity(root: string): Finding[] {
  const sources = mainSources(root);
  const findings: Finding[] = [];
  const returnedOptions = optionFunctions(sources);
  for (const source of sources) findings.push(...checkSource(source, returnedOptions));
  findings.push(...checkCsp(sources), ...checkGuards(sources), ...checkFuses(root));
  return findings;
}

function mainSources(root: string): Source[] {
  const dir = path.join(root, MAIN_DIR);
  if (!existsSync(dir)) return [];
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) return walk(full);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
    });
  return walk(dir).map((full) => {
    const text = readFileSync(full, 'utf8');
    return { file: path.relative(root, full).split(path.sep).join('/'), sf: ts.createSourceFile(full, text, ts.ScriptTarget.Latest, true), text };
  });
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

function propName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return null;
}

function literalBoolean(node: ts.Expression): boolean | null {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  return null;
}

function objectProps(literal: ts.ObjectLiteralExpression): Map<string, ts.Expression> {
  const props = new Map<string, ts.Expression>();
  for (const prop of literal.properties) {
    if (ts.isPropertyAssignment(prop)) {
      const name = propName(prop.name);
      if (name) props.set(name, prop.initializer);
    } else if (ts.isShorthandPropertyAssignment(prop)) {
      props.set(prop.name.text, prop.name);
    }
  }
  return props;
}

/** Functions that return window options (an object literal with webPreferences), by name. */
function optionFunctions(sources: Source[]): Map<string, ts.ObjectLiteralExpression> {
  const found = new Map<string, ts.ObjectLiteralExpression>();
  for (const { sf } of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) && node.name && node.body) {
        for (const statement of node.body.statements) {
          if (ts.isReturnStatement(statement) && statement.expression && ts.isObjectLiteralExpression(statement.expression) && objectProps(statement.expression).has('webPreferences')) {
            found.set(node.name.text, statement.expression);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

function checkSource({ file, sf }: Source, returnedOptions: Map<string, ts.ObjectLiteralExpression>): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, node: ts.Node, message: string) => findings.push({ rule, file, line: lineOf(sf, node), message });

  const visit = (node: ts.Node, guards: ts.Expression[]): void => {
    if (ts.isPropertyAssignment(node)) {
      const name = propName(node.name);
      if (name && Object.hasOwn(SAFE_PREFERENCES, name) && isInWebPreferences(node)) {
        const value = literalBoolean(node.initializer);
        if (value === null) add('unreadable-preference', node, `${name} is not set to a literal the check can read`);
        else if (value !== SAFE_PREFERENCES[name]) add(`${name}`, node, `${name}: ${String(value)} weakens the renderer (Electron's checklist wants ${String(SAFE_PREFERENCES[name])})`);
      }
      if (name === 'bypassCSP' && literalBoolean(node.initializer) !== false) add('bypass-csp', node, 'a scheme registered with bypassCSP escapes the Content-Security-Policy');
    }

    if (ts.isNewExpression(node) && node.expression.getText(sf) === 'BrowserWindow') {
      const options = windowOptions(node.arguments?.[0], returnedOptions);
      if (!options) add('window-options', node, 'a BrowserWindow whose options the check cannot read');
      else {
        const prefs = objectProps(options).get('webPreferences');
        const given = prefs && ts.isObjectLiteralExpression(prefs) ? objectProps(prefs) : new Map<string, ts.Expression>();
        for (const key of REQUIRED_PREFERENCES) {
          const value = given.get(key);
          if (!value || literalBoolean(value) !== SAFE_PREFERENCES[key]) add('window-options', node, `a BrowserWindow without ${key}: ${String(SAFE_PREFERENCES[key])}`);
        }
      }
    }

    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'ipcRenderer' && !ts.isCallExpression(node.parent)) {
      add('preload-exposes-ipc', node, `ipcRenderer.${node.name.text} is handed on uncalled; the page could use it on any channel`);
    }
    if (ts.isCallExpression(node) && node.expression.getText(sf).endsWith('exposeInMainWorld') && node.arguments.slice(1).some((a) => ts.isIdentifier(a) && a.text === 'ipcRenderer')) {
      add('preload-exposes-ipc', node, 'ipcRenderer itself is exposed to the page');
    }

    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const from = node.moduleSpecifier.text;
      const named = node.importClause?.namedBindings;
      const namesRemote = named && ts.isNamedImports(named) && named.elements.some((e) => (e.propertyName ?? e.name).text === 'remote');
      if (from === '@electron/remote' || from.startsWith('@electron/remote/') || (from === 'electron' && namesRemote)) add('remote-module', node, 'the remote module gives a renderer the main process');
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments[0] && ts.isStringLiteral(node.arguments[0]) && node.arguments[0].text.startsWith('@electron/remote')) {
      add('remote-module', node, 'the remote module gives a renderer the main process');
    }

    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const calleeName = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (calleeName === 'openExternal') {
        const [url] = node.arguments;
        if (!url || !(ts.isStringLiteral(url) || ts.isNoSubstitutionTemplateLiteral(url) || isCheckedBy(url, guards, sf))) {
          add('open-external', node, 'shell.openExternal with a URL that no isAllowed…/isSafe…/isTrusted… check has passed');
        }
      }
      if (calleeName === 'appendSwitch' && node.arguments[0] && ts.isStringLiteral(node.arguments[0]) && DANGEROUS_SWITCHES.test(node.arguments[0].text)) {
        add('command-line-switch', node, `the switch --${node.arguments[0].text} turns off a protection`);
      }
    }

    if (ts.isIfStatement(node)) {
      visit(node.expression, guards);
      visit(node.thenStatement, [...guards, node.expression]);
      if (node.elseStatement) visit(node.elseStatement, guards);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, guards));
  };
  visit(sf, []);
  return findings;
}

function isInWebPreferences(node: ts.PropertyAssignment): boolean {
  const parent = node.parent.parent;
  return ts.isPropertyAssignment(parent) && propName(parent.name) === 'webPreferences';
}

function windowOptions(arg: ts.Expression | undefined, returnedOptions: Map<string, ts.ObjectLiteralExpression>): ts.ObjectLiteralExpression | null {
  if (!arg) return null;
  if (ts.isObjectLiteralExpression(arg)) return arg;
  if (ts.isCallExpression(arg) && ts.isIdentifier(arg.expression)) return returnedOptions.get(arg.expression.text) ?? null;
  return null;
}

/** True when an enclosing `if` calls an isAllowed…/isSafe…/isTrusted… function on this very expression. */
function isCheckedBy(url: ts.Expression, guards: ts.Expression[], sf: ts.SourceFile): boolean {
  const text = url.getText(sf);
  return guards.some((guard) => {
    let checked = false;
    const visit = (node: ts.Node): void => {
      if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return;
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^(isAllowed|isSafe|isTrusted)/.test(node.expression.text) && node.arguments.some((a) => a.getText(sf) === text)) checked = true;
      ts.forEachChild(node, visit);
    };
    visit(guard);
    return checked;
  });
}

function checkCsp(sources: Source[]): Finding[] {
  const withCsp = sources.filter((s) => /['"]content-security-policy['"]/i.test(s.text));
  if (withCsp.length === 0) return [{ rule: 'csp-missing', file: MAIN_DIR, line: 0, message: 'no file of the main process sends a Content-Security-Policy' }];
  const findings: Finding[] = [];
  for (const { file, text } of withCsp) {
    const script = /["'`]script-src([^"'`]*(?:'[^']*'[^"'`]*)*)["'`]/.exec(text)?.[1] ?? null;
    if (!/default-src/.test(text)) findings.push({ rule: 'csp-weak', file, line: 0, message: 'the Content-Security-Policy has no default-src' });
    if (script !== null && /unsafe-inline|unsafe-eval|\*/.test(script)) findings.push({ rule: 'csp-weak', file, line: 0, message: `script-src allows ${script.trim()}` });
  }
  return findings;
}

/** The guards of the checklist, each present somewhere in the main process. */
function checkGuards(sources: Source[]): Finding[] {
  const all = sources.map((s) => s.text).join('\n');
  const required: Array<[string, RegExp, string]> = [
    ['navigation-guard', /['"]will-navigate['"]/, 'no will-navigate handler keeps windows on the app'],
    ['window-open-guard', /setWindowOpenHandler\(/, 'no setWindowOpenHandler refuses new windows'],
    ['permission-guard', /setPermissionRequestHandler\(/, 'no setPermissionRequestHandler decides permissions'],
    ['webview-guard', /['"]will-attach-webview['"]/, 'no will-attach-webview handler refuses <webview>'],
  ];
  return required.filter(([, pattern]) => !pattern.test(all)).map(([rule, , message]) => ({ rule, file: MAIN_DIR, line: 0, message }));
}

function checkFuses(root: string): Finding[] {
  if (!existsSync(path.join(root, BUILDER_CONFIG))) return [{ rule: 'fuses', file: BUILDER_CONFIG, line: 0, message: 'no electron-builder.yml to read the fuses from' }];
  return fuseProblems(readBuilderConfig(root)).map((message) => ({ rule: 'fuses', file: BUILDER_CONFIG, line: 0, message }));
}

export function readJustifications(root: string): Justification[] {
  const file = path.join(root, JUSTIFIED_FILE);
  if (!existsSync(file)) return [];
  const data = (parse(readFileSync(file, 'utf8')) ?? {}) as { justified?: unknown };
  const list = Array.isArray(data.justified) ? data.justified : [];
  return list.filter((j): j is Justification => typeof j?.rule === 'string' && typeof j?.file === 'string' && typeof j?.reason === 'string' && j.reason.trim().length >= 20);
}

/** Findings no justification covers, and justifications that no longer match a finding (kept honest). */
export function judge(findings: Finding[], justified: Justification[]): { open: Finding[]; stale: Justification[] } {
  const covers = (j: Justification, f: Finding) => j.rule === f.rule && j.file === f.file;
  return {
    open: findings.filter((f) => !justified.some((j) => covers(j, f))),
    stale: justified.filter((j) => !findings.some((f) => covers(j, f))),
  };
}
