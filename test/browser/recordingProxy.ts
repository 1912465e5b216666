// A proxy that answers nothing and remembers every connection: Chromium is pointed at it for every
// host but 127.0.0.1, so whatever it records is a request that tried to leave the browser.
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";

export interface RecordingProxy {
  url: string;
  /** The first line of every connection (`CONNECT api.confident-ai.com:443 HTTP/1.1`, say). */
  seen: string[];
  close(): Promise<void>;
}

export async function recordingProxy(): Promise<RecordingProxy> {
  const seen: string[] = [];
  const server: Server = createServer((socket) => {
    socket.once("data", (chunk) => {
      seen.push(chunk.toString("latin1").split("\r\n")[0] ?? "");
      socket.destroy();
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
