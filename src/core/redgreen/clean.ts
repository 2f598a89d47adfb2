import { printable } from '../format';

/** Messages are prose (notifications, chat): control characters become spaces; the text stays one line. */
export function clean(text: string): string {
  return printable(text, { controls: 'space' });
}
