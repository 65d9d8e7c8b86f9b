/**
 * A small progress reporter for long work (seeding, big match runs): a redrawn bar on a terminal,
 * a structured log line every 10% otherwise (CI logs, files).
 */
import { logger } from '../logger.js';

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let lastDecile = -1;
  let lastDraw = 0;
  const started = Date.now();
  return {
    update(done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 80 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total}`);
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          logger.info({ task: label, done, total, percent: decile * 10 }, 'progress');
        }
      }
    },
    finish() {
      if (tty) stream.write('\n');
      logger.info({ task: label, ms: Date.now() - started }, 'done');
    },
  };
}
