// The dashboard's only script: keeps an instance page live and posts its actions without leaving the page; asks before a data-confirm form posts.
// Live updates poll the page's Live handler every second (until the instance has ended); an SSE stream can replace this.
(() => {
  'use strict';
  const live = document.querySelector('[data-live]');
  const result = document.getElementById('action-result');
  let timer = null;
  let watchUntil = 0; // after an action, keep polling a while even if the instance looked ended (a restart takes a moment)

  const ended = () => live.querySelector('[data-ended="true"]') !== null;

  async function refresh() {
    const response = await fetch(live.dataset.live, { credentials: 'same-origin', headers: { 'X-Dashboard-Async': '1' } });
    if (response.redirected || response.status === 401) { location.reload(); return; } // the session ended: to the login page
    if (!response.ok) return;
    const html = await response.text();
    // Folded <details> stay folded across updates.
    const folded = [...live.querySelectorAll('details[data-key]:not([open])')].map(d => d.dataset.key);
    live.innerHTML = html;
    for (const key of folded) live.querySelector(`details[data-key="${CSS.escape(key)}"]`)?.removeAttribute('open');
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try { await refresh(); } catch { /* offline for a moment: try again */ }
      if (!ended() || Date.now() < watchUntil) schedule();
    }, 1000);
  }

  document.addEventListener('submit', async event => {
    const form = event.target;
    if (form.dataset.confirm && !confirm(form.dataset.confirm)) { event.preventDefault(); return; }
    if (!live || !form.matches('form[data-async]')) return;
    event.preventDefault();
    const response = await fetch(form.action, {
      method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { 'X-Dashboard-Async': '1' },
    });
    result.hidden = false;
    result.textContent = await response.text();
    result.className = 'flash ' + (response.ok ? 'ok' : 'error');
    watchUntil = Date.now() + 10000;
    await refresh();
    schedule();
  });

  if (live && !ended()) schedule();
})();
