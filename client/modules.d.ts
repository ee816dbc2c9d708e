// workbox-window's default entry is its larger ES5 build; the app imports the modern one.
declare module 'workbox-window/build/workbox-window.prod.mjs' {
  export * from 'workbox-window';
}
