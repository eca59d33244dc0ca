// Progress bars for long jobs on stderr (stdout carries the JSON logs), with rate and ETA.
// Silent when stderr is not a terminal, so CI logs and pipes stay clean.
import cliProgress from 'cli-progress';

export interface ProgressBar {
  update(value: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

export function createProgressBar(total: number, unit: string): ProgressBar {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{bar} {percentage}% | {records} records | {rate} ${unit}/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { records: 0, rate: 0 });
  return {
    update(value, payload = {}) {
      const records = Number(payload.records ?? 0);
      const seconds = (Date.now() - started) / 1000;
      bar.update(value, { ...payload, rate: seconds > 0 ? Math.round(records / seconds) : 0 });
    },
    stop: () => bar.stop(),
  };
}
