import { pino } from 'pino';

/** Structured JSON logs; `LOG_LEVEL` tunes verbosity (tests default to silent). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: 'mentor-match' },
  redact: ['req.headers.authorization', '*.password', '*.token'],
});

export type Logger = typeof logger;
