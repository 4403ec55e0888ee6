// The incident-class corpus (issue 11), reviewed end to end: one registry serves every repository of
// __tests__/fixtures/incident (malicious variants in the eight families, legitimate controls, the originals they
// imitate); each entry is reviewed as its own pull request through createReviewer({ hub }) over HTTP, with a base
// allowlist holding the earlier pin for re-pins; the verdict is compared with the one its author wrote.
//
// Every entry must get its expected verdict, except those listed in fixtures/incident/open.json (today's
// mismatches, each with its family and root cause). The list is asserted exactly: a new mismatch fails, and so does
// a listed entry that starts matching ("remove it from open.json"), so the list only shrinks as the checks improve.
// Each review's Hub client counts the requests it sends (a fetch that tallies each URL, then hands it to undici, the
// transport's own fetch), to count API calls per entry: a PR adding 100 entries must stay within the Hub's rate
// limits. With a fetch given, file bytes also go through undici rather than the raw-socket fast path (as they do
// behind a proxy); verdicts do not depend on the transport, and pooled connections halve the run time.
import { incidentCorpus } from '../fixtures/incident/corpus.js';
import { incidentCorpusSuite } from '../fixtures/incident/corpus-suite.js';

incidentCorpusSuite({
  label: 'incident corpus',
  corpus: incidentCorpus(),
  openJson: new URL('../fixtures/incident/open.json', import.meta.url),
  tmpPrefix: 'mg-incident-corpus-',
  sizeTitle: 'has at least 150 repositories: ≥ 110 malicious in all eight families, ≥ 40 controls',
  min: { total: 150, malicious: 110, controls: 40, rePins: 8 }
});
