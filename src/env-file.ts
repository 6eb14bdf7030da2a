/**
 * `.env` in the working directory, if there is one (copy .env.example): its variables are
 * set where the environment does not set them already, so `PORT=4000 npm start` still wins.
 */
import { existsSync } from 'node:fs';

export function loadDotEnv(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
