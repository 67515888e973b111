import { DomainError } from '../../services/kernel/src/domain';

/** The domain error a call throws, or a failure when it throws none, or another kind. */
export function thrownDomainError(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('accepted');
}
