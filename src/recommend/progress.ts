import type { Logger } from '../observability/logger.js';
import type { ProgressFn, ProgressStage } from './types.js';

const STAGES = 3;

/** Reports progress; a throwing listener is logged and never breaks the recommendation. */
export function progressReporter(onProgress: ProgressFn | undefined, logger: Logger) {
  return (stage: ProgressStage, step: number, message: string): void => {
    if (!onProgress) return;
    try {
      onProgress(stage, step, STAGES, message);
    } catch (error) {
      logger.warn(
        { stage, err: error instanceof Error ? error.message : String(error) },
        'progress listener threw',
      );
    }
  };
}
