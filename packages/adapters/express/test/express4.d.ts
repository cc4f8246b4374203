// The Express 4 copy installed for tests (`express4` is an npm alias); its API matches @types/express.
declare module 'express4' {
  import express from 'express';
  export default express;
}
