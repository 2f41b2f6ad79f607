import type { LogMessage, NodeLogger } from 'electron-log';
import type { LogScrubber } from './log-scrub';

/** One log file of at most 5 MiB and the one before it (electron-log keeps `main.old.log`): 10 MiB at most on the shop's PC. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export interface LogSetupOptions {
  scrubber: LogScrubber;
  maxBytes?: number;
}

/**
 * The desktop app's log as electron-log writes it, set the same way for electron-log/main in the
 * app and electron-log/node in the tests: rotated by size, and every message passed through the
 * scrubber before any transport (file or console) sees it.
 */
export function configureLog(logger: NodeLogger, { scrubber, maxBytes = LOG_MAX_BYTES }: LogSetupOptions): NodeLogger {
  logger.transports.file.maxSize = maxBytes;
  logger.transports.file.level = 'info';
  logger.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  logger.hooks.push((message: LogMessage): LogMessage => ({ ...message, data: message.data.map((item) => scrubber.scrub(item)) }));
  return logger;
}
