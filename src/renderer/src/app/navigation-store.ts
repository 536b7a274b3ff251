import { create } from 'zustand';

/** Where the user is: a page id and optional detail (e.g. a call id), mirrored in the URL hash. */
export interface Location {
  page: string;
  detail?: string;
}

function parseHash(hash: string): Location {
  const [page, detail] = hash.replace(/^#\/?/, '').split('/');
  return { page: page || 'customers', ...(detail ? { detail: decodeURIComponent(detail) } : {}) };
}

interface NavigationState {
  location: Location;
  navigate(page: string, detail?: string): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  location: parseHash(window.location.hash),
  navigate(page, detail) {
    const hash = `#/${page}${detail ? `/${encodeURIComponent(detail)}` : ''}`;
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    set({ location: { page, ...(detail ? { detail } : {}) } });
  },
}));

window.addEventListener('popstate', () =>
  useNavigation.setState({ location: parseHash(window.location.hash) }),
);
