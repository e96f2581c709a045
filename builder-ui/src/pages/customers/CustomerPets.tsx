import { useCustomerPets } from '../../api/customers';
import { ErrorAlert } from '../../components/Alert';
import { PawIcon } from '../../components/icons';
import { Spinner } from '../../components/Spinner';

export function CustomerPets({ customerId }: { customerId: string }) {
  const pets = useCustomerPets(customerId);
  return (
    <section className="card detail-wide">
      <div className="card-header">
        <h2 className="card-title">Pets</h2>
        {pets.data && <span className="muted small">{pets.data.total}</span>}
      </div>
      {pets.isPending ? (
        <div className="card-section center">
          <Spinner size="sm" label="Loading pets" />
        </div>
      ) : pets.isError ? (
        <div className="card-section">
          <ErrorAlert error={pets.error} onRetry={() => void pets.refetch()} />
        </div>
      ) : pets.data.items.length === 0 ? (
        <div className="card-section muted inline-empty">
          <PawIcon width={18} height={18} /> No pets on file.
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Pets">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Species</th>
                <th scope="col">Breed</th>
              </tr>
            </thead>
            <tbody>
              {pets.data.items.map((pet) => (
                <tr key={pet.id}>
                  <td className="strong">{pet.name}</td>
                  <td className="capitalize">{pet.species || '—'}</td>
                  <td>{pet.breed || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
