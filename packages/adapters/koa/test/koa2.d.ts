// The Koa 2 copy installed for tests (`koa2` is an npm alias); its API matches @types/koa.
declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}
