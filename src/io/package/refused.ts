/** A write that would lose or corrupt something; nothing has been changed. */
export class WriteRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WriteRefused";
  }
}
