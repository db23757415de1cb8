import { formatDateTime } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../client/db';
import { Link } from '../router';

/** Mail sent while no email endpoint is set up: what it says and who it was for. */
export function OutboxPage() {
  const mails = useLiveQuery(() => db.mailbox.orderBy('at').reverse().limit(200).toArray(), []);
  return (
    <section className="page" aria-labelledby="outbox-title">
      <header className="page-header">
        <h1 id="outbox-title">
          <Trans>Outbox</Trans>
        </h1>
      </header>
      <p className="muted">
        <Trans>
          Emails that workflows sent while no email endpoint is set up (<Link to="/settings">Settings → Email</Link>).
          Nothing here has left this device.
        </Trans>
      </p>
      {mails?.length === 0 && (
        <p className="empty">
          <Trans>No email yet.</Trans>
        </p>
      )}
      <ul className="mail-list" aria-label={t`Sent emails`}>
        {mails?.map((m) => (
          <li
            key={m.id}
            className="card"
            aria-label={t`${m.message.subject || '(no subject)'} to ${m.message.to.join(', ')}`}
          >
            <div className="mail-head">
              <strong>{m.message.subject || t`(no subject)`}</strong>
              <span className="muted small">
                {formatDateTime(m.at)} ·{' '}
                <Link to={`/runs/${m.runId}`}>
                  <Trans>run</Trans>
                </Link>
              </span>
            </div>
            <dl className="facts">
              {m.message.from && (
                <>
                  <dt>
                    <Trans>From</Trans>
                  </dt>
                  <dd>{m.message.from}</dd>
                </>
              )}
              <dt>
                <Trans>To</Trans>
              </dt>
              <dd>{m.message.to.join(', ')}</dd>
              {m.message.cc.length > 0 && (
                <>
                  <dt>
                    <Trans>Cc</Trans>
                  </dt>
                  <dd>{m.message.cc.join(', ')}</dd>
                </>
              )}
              {m.message.bcc.length > 0 && (
                <>
                  <dt>
                    <Trans>Bcc</Trans>
                  </dt>
                  <dd>{m.message.bcc.join(', ')}</dd>
                </>
              )}
            </dl>
            {m.message.bodyFormat === 'html' ? (
              <HtmlMail html={m.message.body} subject={m.message.subject} />
            ) : (
              <pre className="mail-body">{m.message.body}</pre>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * An HTML email, shown without touching the network: its own CSP allows inline styles and
 * data: images only, so tracking pixels, remote stylesheets and fonts are never fetched.
 * Remote images load only when the person asks.
 */
function HtmlMail({ html, subject }: { html: string; subject: string }) {
  const [images, setImages] = useState(false);
  const remote = /<img\b[^>]*\bsrc\s*=\s*["']?\s*(https?:)?\/\//i.test(html);
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src data:${images ? ' https: http:' : ''}`;
  return (
    <>
      {remote && !images && (
        <p className="muted small">
          <Trans>Remote images are blocked (they can tell the sender you opened the message). </Trans>
          <button type="button" className="small" onClick={() => setImages(true)}>
            <Trans>Load images</Trans>
          </button>
        </p>
      )}
      <iframe
        key={String(images)}
        className="mail-html"
        sandbox=""
        title={t`Message: ${subject}`}
        srcDoc={`<meta http-equiv="Content-Security-Policy" content="${policy}">${html}`}
      />
    </>
  );
}
