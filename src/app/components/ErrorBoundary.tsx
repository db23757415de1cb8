import { Trans } from '@lingui/react/macro';
import { Component, type ReactNode } from 'react';

/** A part of a page that fails to render says so in place; the rest of the app keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode; what: string }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="warning">
        <Trans>
          {this.props.what} could not be shown: {this.state.error.message}{' '}
        </Trans>
        <button type="button" className="small" onClick={() => this.setState({ error: null })}>
          <Trans>Try again</Trans>
        </button>
      </div>
    );
  }
}
