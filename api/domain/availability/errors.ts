/** Input the engine cannot make sense of; the API answers it with a 400. */
export class AvailabilityInputError extends Error {
  readonly code = 'INVALID_AVAILABILITY_INPUT';

  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'AvailabilityInputError';
  }
}
