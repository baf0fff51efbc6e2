/** Tells the user, on stderr, which other sets share the journal (their rows are left alone). */
export function noteOtherSets(otherSets: Record<string, number>, set: string) {
  for (const [other, count] of Object.entries(otherSets)) {
    console.error(`note: the journal also records ${count} migration(s) of the set "${other}"; this run is the set "${set}" and leaves them alone`);
  }
}
