/**
 * Served when the renderer has not been built, so the operator sees what to do instead of a
 * blank page. No inline script or style: the CSP forbids both.
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
<p>画面はまだビルドされていません。<code>npm run build:renderer</code> を実行してから再読み込みしてください。</p>
<p>The screens have not been built yet. Run <code>npm run build:renderer</code>, then reload this page.</p>
<p>The API is available at <code>POST /api/call</code> and <code>/api/events</code>.</p>
</body>
</html>
`;
