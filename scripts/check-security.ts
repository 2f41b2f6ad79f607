import path from 'node:path';
import { checkElectronSecurity, judge, JUSTIFIED_FILE, readJustifications } from './security/electron-check';

/**
 * `npm run check:security`: the desktop app against Electron's security checklist. Exits 1 on
 * any finding not justified in security/justified.yml, or on a justification with no finding.
 */
const root = path.resolve(import.meta.dirname, '..');
const findings = checkElectronSecurity(root);
const { open, stale } = judge(findings, readJustifications(root));
for (const f of open) console.log(`${f.file}${f.line ? `:${f.line}` : ''}  ${f.rule}  ${f.message}`);
for (const j of stale) console.log(`${JUSTIFIED_FILE}  stale  ${j.rule} in ${j.file} matches no finding any more`);
console.log(`${findings.length} finding(s), ${open.length} not justified, ${stale.length} stale justification(s)`);
process.exitCode = open.length > 0 || stale.length > 0 ? 1 : 0;
