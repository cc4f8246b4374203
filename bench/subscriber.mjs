// A loopback subscriber for the benchmarks, in its own process so that it does not share the
// measured process's event loop: answers every request 204 once its body has arrived, and sends
// its port to the parent.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(204).end());
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
