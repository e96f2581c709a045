export const endSentence = (): string => 'End the run';
