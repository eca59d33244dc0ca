// English stop words (the SMART list's most frequent entries plus words common in abstracts): left
// out of "similar papers" term selection and of relaxed OR queries, where they only add noise.

const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how however i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
yourselves via using use used based paper propose proposed show shows results method methods approach new
our novel furthermore moreover thus therefore well may might must one two three within without whether`.split(
    /\s+/,
  ),
);

/** Every stop word (query expansion turns them into index tokens to leave stemmed forms out too). */
export function listStopWords(): readonly string[] {
  return [...STOP_WORDS];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
