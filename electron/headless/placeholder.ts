/**
 * Served when the renderer has not been built, so the operator sees what to do instead of a
 * blank page. `npm run demo`, `npm start` and `npm run serve` build it first, so only a shell
 * started some other way from a checkout shows this. No inline script or style: the CSP forbids both.
 */
export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tanto</title>
</head>
<body>
<h1>Tanto</h1>
<p>画面はまだビルドされていません。<code>npm run build:renderer</code> を実行してから再読み込みしてください（<code>npm run demo</code>、<code>npm start</code>、<code>npm run serve</code> は起動時に自動でビルドします）。</p>
<p>The screens have not been built yet. Run <code>npm run build:renderer</code>, then reload this page (<code>npm run demo</code>, <code>npm start</code> and <code>npm run serve</code> build them when they start).</p>
<p>The API is available at <code>POST /api/call</code> and <code>/api/events</code>.</p>
</body>
</html>
`;
