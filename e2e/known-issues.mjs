// Known problems of the pages that need a change in Rust code, a template or
// the stylesheet (which this harness does not make). Each one is named here
// with the page and the element, so that the journeys still check everything
// else; every run prints the ones it met, and says when one no longer
// occurs. Remove an entry as soon as it is fixed: the list should be empty.
//
// With ADALDYQ_E2E_STRICT=1 the list is ignored and every problem fails.

export const strict = process.env.ADALDYQ_E2E_STRICT === '1';

/** Problems of behaviour or language, by id. */
export const ISSUES = {};

/** axe-core violations, by page, step, rule and element. */
const AXE = [];

export const knownIssues = {
  /** True (and the test should say so) if problem `id` is a known one. */
  known(id) {
    if (!(id in ISSUES)) throw new Error(`unknown issue id ${id}`);
    return !strict;
  },
  describe(id) {
    return ISSUES[id];
  },
  /** The known entry for this axe violation (rule on an element of a page at a step), if any. */
  axe(path, step, rule, target) {
    if (strict) return undefined;
    return AXE.find((k) => k.rule === rule && k.path.test(path) && k.step.test(step) && k.target.test(target));
  },
};
