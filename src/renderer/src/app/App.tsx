import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useConnectionProblem } from '../client';
import { EscalationAlerts } from '../features/monitor/EscalationAlerts';
import { Notices } from '../ui/Notices';
import { useNavigation } from './navigation-store';
import { routes } from './routes';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';
import '../styles/app.css';

export function App() {
  const { location, navigate } = useNavigation();
  const connectionProblem = useConnectionProblem((s) => s.message);
  const queryClient = useQueryClient();
  const route = routes.find((r) => r.id === location.page) ?? routes.find((r) => r.id === 'customers')!;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = routes.find((r) => r.shortcut === e.key);
      if (target) {
        e.preventDefault();
        navigate(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <div className="app-shell">
      <nav className="app-nav" aria-label="Main">
        <div className="brand">Navaia</div>
        {routes.map((r) => (
          <a
            key={r.id}
            href={`#/${r.id}`}
            className={r.id === route.id ? 'nav-link active' : 'nav-link'}
            aria-current={r.id === route.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(r.id);
            }}
          >
            <span>{r.label}</span>
            <kbd title={`Alt+${r.shortcut}`}>{r.shortcut}</kbd>
          </a>
        ))}
      </nav>
      <main className="app-main">
        {connectionProblem && (
          <p role="alert" className="connection-problem">
            {connectionProblem}
          </p>
        )}
        <ScreenErrorBoundary key={route.id} onReload={() => void queryClient.resetQueries()}>
          {route.render(location.detail)}
        </ScreenErrorBoundary>
      </main>
      <EscalationAlerts />
      <Notices />
    </div>
  );
}
