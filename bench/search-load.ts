// Search load for bench:search, in its own process so the load generator does not compete with the
// server's event loop inside one process: N clients send the given queries until killed.
const [base, clients, ...queries] = process.argv.slice(2);
if (!base || !clients || queries.length === 0)
  throw new Error('usage: search-load <base-url> <clients> <query>...');
let sent = 0;
async function client(offset: number): Promise<never> {
  for (let i = offset; ; i = (i + 1) % queries.length) {
    const response = await fetch(
      `${base}/api/papers/search?limit=20&q=${encodeURIComponent(queries[i] ?? '')}`,
    );
    await response.arrayBuffer();
    sent += 1;
  }
}
process.on('SIGTERM', () => {
  process.stdout.write(`${sent}\n`);
  process.exit(0);
});
for (let k = 0; k < Number(clients); k++) void client(k * 7);
