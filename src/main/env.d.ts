/** Vite inlines a `?inline` asset import into the bundle as a data: URL. */
declare module '*?inline' {
  const dataUrl: string;
  export default dataUrl;
}
