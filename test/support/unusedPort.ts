import * as net from 'node:net';

/**
 * A port nothing listens on, below Linux's ephemeral range (32768–60999): a port that `listen(0)`
 * handed out and we closed is handed out again to the next test's server, and a client socket
 * may take it as its own local port (a connection to it then reaches itself). Neither happens
 * below the range, so "connection refused" stays refused while a test runs beside others.
 */
export async function unusedPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) { return port; }
  }
  throw new Error('no unused port found below the ephemeral range in 50 tries');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
