import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { DataProvider } from './app/DataProvider';
import { noticeUnhandledRejections } from './data/notices';

noticeUnhandledRejections();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DataProvider>
      <App />
    </DataProvider>
  </StrictMode>,
);
