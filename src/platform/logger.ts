import type { LogLevel } from './config';

/** Structured JSON log lines on stdout/stderr; both runtimes collect console output. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const order: Record<LogLevel, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};

export function createLogger(level: LogLevel, sink: (line: string, isError: boolean) => void = defaultSink): Logger {
  const threshold = order[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < threshold) return;
    sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level: lvl,
        msg,
        ...fields,
      }),
      order[lvl] >= order.warn,
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

function defaultSink(line: string, isError: boolean): void {
  if (isError) console.error(line);
  else console.log(line);
}

const RESPONDENT_PATH = /^(\/api\/v1)?\/respond\/[^/]+/;

/** A request path fit for the log: a respondent's link is itself the key to a questionnaire. */
export const loggedPath = (path: string): string => path.replace(RESPONDENT_PATH, '$1/respond/…');
