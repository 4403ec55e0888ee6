// An S3-compatible server on 127.0.0.1 for the gateway's S3 store: moto's standalone server (moto_server, the
// Python moto package's S3 implementation, installed on this machine kind). Debian's radosgw (Ceph 16.2) needs a
// running RADOS cluster and no npm package ships a real S3 server, so moto is the most faithful one available here.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface S3Server {
  endpoint: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startS3Server(): Promise<S3Server> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`moto_server exited with ${exited} before answering`);
    try {
      if ((await fetch(`${endpoint}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('moto_server did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    close: () =>
      new Promise<void>((resolve) => {
        if (exited !== undefined) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      })
  };
}
