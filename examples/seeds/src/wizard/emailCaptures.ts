// The wizard app's email captures: unique per address, synced to ConvertKit, with processing
// timestamps. @org's domain functions are the whole implementation; this module is the sync loop.
import { captureEmail, listPendingConvertkitSync, recordConvertkitSync, type OrgDb } from '@org/queries';
import type { EmailCapture } from '@org/schema';

/**
 * Captures an email from the wizard; capturing the same address again (any case, any spacing) returns
 * the existing row, `created: false` ("automatic conflict resolution": no ON CONFLICT error).
 *
 * @example
 * const { capture, created } = await captureWizardEmail(db, ' Ada@Example.com ');
 */
export function captureWizardEmail(db: OrgDb, email: string, source = 'wizard') {
  return captureEmail(db, { email, source });
}

/** ConvertKit's subscribe call, as the app's HTTP client exposes it. */
export type Subscribe = (email: string) => Promise<{ subscriberId: string }>;

/**
 * Sends every pending capture to ConvertKit, oldest first, and records each outcome (synced with the
 * subscriber id, or failed with the error) and when it was processed. One failure does not stop the
 * batch. Returns the captures as recorded.
 *
 * @example
 * await syncPendingCaptures(db, (email) => convertkit.subscribe(email));
 */
export async function syncPendingCaptures(db: OrgDb, subscribe: Subscribe, batchSize = 50): Promise<EmailCapture[]> {
  const done: EmailCapture[] = [];
  for (const capture of await listPendingConvertkitSync(db, batchSize)) {
    let outcome: { ok: true; subscriberId: string } | { ok: false; error: string };
    try {
      outcome = { ok: true, subscriberId: (await subscribe(capture.email)).subscriberId };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : 'subscribe failed' };
    }
    done.push(await recordConvertkitSync(db, capture.id, outcome));
  }
  return done;
}
