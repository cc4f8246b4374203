// The Fastify 4 copy installed for tests (`fastify4` is an npm alias).
declare module 'fastify4' {
  import Fastify from 'fastify';
  export default Fastify;
}
