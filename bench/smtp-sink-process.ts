// A counting SMTP server in its own process for bench:digest, so receiving mail does not share the
// sender's event loop (a real relay would be another machine). Prints its port, answers
// { type: 'count' } with how many messages it accepted.

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('end', () => {
      accepted++;
      callback();
    });
    stream.resume();
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'port', port: (server.server.address() as AddressInfo).port });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send?.({ type: 'count', count: accepted, cpu: process.cpuUsage() });
  if (message.type === 'reset') accepted = 0;
  if (message.type === 'stop') server.close(() => process.exit(0));
});
