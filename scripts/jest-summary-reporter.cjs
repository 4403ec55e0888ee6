// Writes the plain "tests: N passed, N failed" line CI reads, to the file named by MG_JEST_SUMMARY.
const { writeFileSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.MG_JEST_SUMMARY;
    if (!file) return;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites + (results.numTotalTests === 0 ? 1 : 0);
    writeFileSync(file, `tests: ${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = SummaryReporter;
