// A built site over HTTP on loopback, for the browser checks that need a
// web server: serveSite(SITE_DIR) resolves to { base, server }.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";

const types = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".svg": "image/svg+xml" };

export async function serveSite(site) {
  const root = path.resolve(site);
  const server = createServer(async (req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(root + path.sep)) return res.writeHead(400).end();
    try {
      const body = await readFile(file.endsWith(path.sep) ? path.join(file, "index.html") : file);
      res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${server.address().port}/`, server };
}
