/* Guichet's service worker: what a person has seen stays readable offline.
   Served at /sw.js (scope: the whole site). Pages: network first, a copy kept
   with the time it was saved; offline, that copy is shown with a banner.
   Static files are fingerprinted, so they are kept as they are (cache first).
   Nothing else is stored: no admin page, no API answer, no page marked no-store. */
'use strict';

const PAGES = 'guichet-pages-v1';
const STATIC = 'guichet-static-v1';
const LANGUAGES = ['fr', 'ar', 'en'];
const SAVED_AT = 'X-Guichet-Saved-At';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(PAGES)
      .then((cache) => cache.addAll(LANGUAGES.map((lang) => `/${lang}/offline/`)))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== PAGES && n !== STATIC).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

function isPage(url) {
  return LANGUAGES.some((lang) => url.pathname.startsWith(`/${lang}/`)) &&
    !url.pathname.includes('/admin/') && !url.pathname.endsWith('/offline/');
}

async function save(request, response) {
  const type = response.headers.get('Content-Type') || '';
  const control = response.headers.get('Cache-Control') || '';
  if (!response.ok || !type.startsWith('text/html') || /no-store|private/.test(control)) return;
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, new Date().toISOString());
  const body = await response.clone().arrayBuffer();
  const cache = await caches.open(PAGES);
  await cache.put(request.url, new Response(body, {status: response.status, headers}));
}

function languageOf(url) {
  const lang = url.pathname.split('/')[1];
  return LANGUAGES.includes(lang) ? lang : LANGUAGES[0];
}

async function withBanner(cached, url) {
  const savedAt = new Date(cached.headers.get(SAVED_AT));
  const lang = languageOf(url);
  const locale = lang === 'ar' ? 'ar-MA' : lang;
  const when = new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short'}).format(savedAt);
  const html = (await cached.text())
    .replace('id="offline-banner" role="status" hidden>', 'id="offline-banner" role="status">')
    .replace('<time></time>', `<time datetime="${savedAt.toISOString()}">${when}</time>`);
  const headers = new Headers(cached.headers);
  headers.delete('Content-Length');
  return new Response(html, {status: 200, headers});
}

async function page(request) {
  const url = new URL(request.url);
  try {
    // Revalidate (a 304 costs a few hundred bytes): online, a person sees the
    // page as it is now; a failure means offline, and the saved copy says so.
    const response = await fetch(request, {cache: 'no-cache'});
    await save(request, response);
    return response;
  } catch (offline) {
    const cached = await caches.match(request.url, {cacheName: PAGES});
    if (cached) return withBanner(cached, url);
    const fallback = await caches.match(`/${languageOf(url)}/offline/`, {cacheName: PAGES});
    if (fallback) return fallback;
    throw offline;
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/')) {
    event.respondWith(staticFile(request));
  } else if (request.mode === 'navigate' && isPage(url)) {
    event.respondWith(page(request));
  }
});

/* The page that registered this worker was fetched before it was there: the
   page asks for itself to be kept. */
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'keep' || typeof data.url !== 'string') return;
  const url = new URL(data.url);
  if (url.origin !== self.location.origin || !isPage(url)) return;
  event.waitUntil(fetch(url.href, {credentials: 'same-origin'}).then((response) => save(new Request(url.href), response))
    .catch(() => undefined));
});
