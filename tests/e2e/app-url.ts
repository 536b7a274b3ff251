/** The app's address with the browser host's access token, on a given page. */
export const appUrl = (page = 'customers') => `/?token=e2e-token#/${page}`;
