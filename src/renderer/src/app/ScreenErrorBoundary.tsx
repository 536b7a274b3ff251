import { errorMessage } from '@shared/errors';
import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * A screen that failed while drawing shows what went wrong and a way to draw it again, instead of a blank
 * window; the navigation and the rest of the app keep working. `onReload` refreshes the screen's data.
 */
export class ScreenErrorBoundary extends Component<
  { children: ReactNode; onReload: () => void },
  { error?: unknown }
> {
  override state: { error?: unknown } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('a screen failed to draw', error, info.componentStack);
  }

  private reload = () => {
    this.props.onReload();
    this.setState({ error: undefined });
  };

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <section className="page" role="alert" aria-label="This screen failed">
        <h1>This screen failed</h1>
        <p className="error">{errorMessage(this.state.error)}</p>
        <button type="button" className="primary" onClick={this.reload}>
          Reload this screen
        </button>
      </section>
    );
  }
}
