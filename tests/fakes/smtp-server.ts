/**
 * A local SMTP server that catches mail for tests (no internet, no real
 * delivery). Built on `smtp-server`, plain SMTP on 127.0.0.1 without TLS or
 * AUTH, so nodemailer talks to it with `smtp://127.0.0.1:<port>`.
 *
 * It behaves like a real server in the two ways the mail tests depend on:
 * - a message counts as accepted only when the 250 reply to DATA is sent. With
 *   `delayDataMs` the server waits that long after the message arrived before
 *   replying; if the client disconnects meanwhile (killed), the message is
 *   discarded, as a real server discards a transaction it never acknowledged;
 * - `failNext: n` refuses the next n messages with a temporary 451, which a
 *   client must retry later.
 *
 *   const catcher = await startSmtpCatcher();
 *   process.env.SMTP_URL = catcher.url;
 *   … await catcher.waitFor(1, 5000); expect(catcher.messages[0].subject)…
 *   await catcher.close();
 */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export type CaughtMessage = {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Decoded Subject header. */
  subject: string;
  /** The Message-ID header, angle brackets included, as the client sent it. */
  messageId: string;
  /** Every header, names in lower case, values unfolded and decoded. */
  headers: Record<string, string>;
  /** The message exactly as received (headers and body). */
  raw: string;
  receivedAt: Date;
};

export type SmtpCatcherOptions = {
  /** 0 (default) picks a free port; pass a port to take over from a closed catcher. */
  port?: number;
  host?: string;
  /** Wait this long between receiving the message and the 250 reply. */
  delayDataMs?: number;
  /** Refuse this many of the next messages with "451 temporary failure". */
  failNext?: number;
};

export type SmtpCatcher = {
  port: number;
  url: string;
  /** Accepted messages, in the order the 250 replies were sent. */
  messages: CaughtMessage[];
  /** Transactions that reached DATA (accepted, refused or discarded). */
  readonly dataStarted: number;
  /** Messages dropped because the client went away before the 250 reply. */
  readonly discarded: number;
  /** Messages refused with 451 because of `failNext`. */
  readonly refused: number;
  /** Resolves when at least n messages were accepted; rejects after timeoutMs. */
  waitFor: (n: number, timeoutMs?: number) => Promise<CaughtMessage[]>;
  /** Resolves when at least n transactions have begun sending DATA; rejects after timeoutMs. */
  waitForDataStart: (n: number, timeoutMs?: number) => Promise<void>;
  setDelayDataMs: (ms: number) => void;
  setFailNext: (n: number) => void;
  close: () => Promise<void>;
};

export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const host = options.host ?? "127.0.0.1";
  let delayDataMs = options.delayDataMs ?? 0;
  let failNext = options.failNext ?? 0;
  let dataStarted = 0;
  let discarded = 0;
  let refused = 0;
  const messages: CaughtMessage[] = [];
  const closedSessions = new Set<string>();
  /** Sessions in DATA that got no reply yet (still arriving, or waiting out delayDataMs). */
  const unanswered = new Set<string>();
  /** Messages received but not yet answered (delayDataMs), by session id. */
  const pending = new Map<string, NodeJS.Timeout>();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    // No DNS here (and none needed): a reverse lookup of 127.0.0.1 can stall a connection for seconds.
    disableReverseLookup: true,
    // A test that closes the catcher must not wait 30 s for a client that hangs.
    closeTimeout: 500,
    onClose(session: SMTPServerSession) {
      closedSessions.add(session.id);
      if (unanswered.has(session.id)) {
        // The client is gone before we said 250 (mid-message or while we
        // waited): the transaction never completed.
        unanswered.delete(session.id);
        clearTimeout(pending.get(session.id));
        pending.delete(session.id);
        discarded++;
      }
      notify();
    },
    onData(stream, session, callback) {
      dataStarted++;
      unanswered.add(session.id);
      notify();
      // A client killed mid-message destroys the stream; onClose counts that.
      stream.on("error", () => {});
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        const finish = () => {
          if (!unanswered.delete(session.id) || closedSessions.has(session.id)) return; // counted by onClose
          if (failNext > 0) {
            failNext--;
            refused++;
            const error = Object.assign(new Error("Temporary failure, try again later"), { responseCode: 451 });
            notify();
            callback(error);
            return;
          }
          const headers = parseHeaders(raw);
          messages.push({
            from: envelopeFrom,
            to: envelopeTo,
            subject: headers["subject"] ?? "",
            messageId: headers["message-id"] ?? "",
            headers,
            raw,
            receivedAt: new Date(),
          });
          notify();
          callback();
        };
        if (delayDataMs > 0) {
          const timer = setTimeout(() => {
            pending.delete(session.id);
            finish();
          }, delayDataMs);
          pending.set(session.id, timer);
        } else {
          finish();
        }
      });
    },
  });
  server.on("error", () => {
    // Client resets (a killed sender) are expected in these tests.
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`SMTP catcher: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      listeners.add(listener);
    });
  }

  return {
    port,
    url: `smtp://${host}:${port}`,
    messages,
    get dataStarted() {
      return dataStarted;
    },
    get discarded() {
      return discarded;
    },
    get refused() {
      return refused;
    },
    async waitFor(n, timeoutMs = 10_000) {
      await waitUntil(() => messages.length >= n, timeoutMs, `${n} message(s) (have ${messages.length})`);
      return messages;
    },
    waitForDataStart(n, timeoutMs = 10_000) {
      return waitUntil(() => dataStarted >= n, timeoutMs, `${n} DATA transaction(s) (have ${dataStarted})`);
    },
    setDelayDataMs(ms) {
      delayDataMs = ms;
    },
    setFailNext(n) {
      failNext = n;
    },
    close() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Headers of a raw message: unfolded, names lower-cased, RFC 2047 encoded
 * words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) decoded. Enough for the fields tests
 * look at; not a general MIME parser.
 */
export function parseHeaders(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name in headers) continue; // the first occurrence wins (Received: etc. are not looked at)
    headers[name] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeEncodedWords(value: string): string {
  // Whitespace between two adjacent encoded words is not part of the text.
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : Buffer.from(
              text.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              "latin1",
            );
      return new TextDecoder(charset.toLowerCase() === "utf-8" ? "utf-8" : charset).decode(bytes);
    });
}
