/** The URL of a workflow's webhook (the service worker answers it); `test` runs the draft. */
export function hookUrl(workflowId: string, token: string, test = false): string {
  const url = new URL(`${import.meta.env.BASE_URL}hooks/${workflowId}${test ? '/test' : ''}`, location.origin);
  url.searchParams.set('token', token);
  return url.href;
}
