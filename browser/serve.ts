// A static file server for the built site on 127.0.0.1: used by the PDF report (cli/pdf.ts) and the
// browser tests and benchmarks (browser/harness.ts).
import {createServer, type Server} from "node:http";
import {readFile, stat} from "node:fs/promises";
import {existsSync} from "node:fs";
import {extname, join, normalize, resolve} from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".csv": "text/csv",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".txt": "text/plain",
  ".pdf": "application/pdf"
};

export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

/** Serves a folder on 127.0.0.1 at a free port; "/x" also finds "/x.html". */
export async function serve(folder: string): Promise<StaticServer> {
  const dir = resolve(folder);
  const server: Server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      if (path.endsWith("/")) path += "index.html";
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir)) throw new Error("outside");
      if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      res.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, {"content-type": "text/plain"});
      res.end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      })
  };
}
