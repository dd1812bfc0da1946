/** npm run eval:recommend — prints the labelled evaluation (rules only, then the fake LLM) and fails below the thresholds. */
import { formatReport, loadRequests, missedThresholds, runEval } from './recommend-eval.js';

const requests = loadRequests();
const missed: string[] = [];
for (const mode of ['rules', 'llm'] as const) {
  const report = await runEval(mode, requests);
  console.log(formatReport(report));
  missed.push(...missedThresholds(report));
}
if (missed.length) {
  console.error(`\nBelow the thresholds:\n  ${missed.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log('\nAll thresholds met.');
}
