import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { portalApi, type PortalPet } from '../api/portal';
import { ErrorAlert } from '../components/Alert';
import { TextField } from '../components/Field';
import { Spinner } from '../components/Spinner';
import { portalKeys } from './portal-queries';

export function PetsTab() {
  const pets = useQuery({ queryKey: portalKeys.pets, queryFn: portalApi.pets });
  const [adding, setAdding] = useState(false);
  return (
    <div className="portal-stack">
      <div className="portal-title-row">
        <h1 className="portal-title">Pets</h1>
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
          Add a pet
        </button>
      </div>
      {adding && <AddPetForm onDone={() => setAdding(false)} />}
      {pets.isPending ? (
        <Spinner label="Loading pets" />
      ) : pets.isError ? (
        <ErrorAlert error={pets.error} />
      ) : pets.data.items.length === 0 ? (
        <p className="muted">No pets on file.</p>
      ) : (
        <ul className="portal-list">
          {pets.data.items.map((pet) => (
            <li key={pet.id}>
              <PetCard pet={pet} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AddPetForm({ onDone }: { onDone(): void }) {
  const [name, setName] = useState('');
  const [species, setSpecies] = useState('Dog');
  const [breed, setBreed] = useState('');
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: () => portalApi.addPet({ name: name.trim(), species: species.trim(), breed: breed.trim() || null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.pets });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && species.trim()) add.mutate();
  };
  return (
    <form className="portal-panel form" onSubmit={submit}>
      {add.isError && <ErrorAlert error={add.error} />}
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
      <div className="form-row">
        <TextField label="Species" value={species} onChange={(e) => setSpecies(e.target.value)} required />
        <TextField label="Breed" value={breed} onChange={(e) => setBreed(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={add.isPending}>
        Save pet
      </button>
    </form>
  );
}

function PetCard({ pet }: { pet: PortalPet }) {
  const [uploading, setUploading] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const documents = useQuery({ queryKey: ['portal', 'pet-documents', pet.id], queryFn: () => portalApi.petDocuments(pet.id) });
  return (
    <article className="portal-appt" aria-label={pet.name}>
      <div className="portal-appt-head">
        <strong>{pet.name}</strong>
        <span className="muted small">{[pet.species, pet.breed].filter(Boolean).join(' · ')}</span>
      </div>
      <h3 className="portal-subtitle">Vaccinations</h3>
      {pet.vaccinations.length === 0 ? (
        <p className="muted small">None on file.</p>
      ) : (
        <ul className="portal-lines">
          {pet.vaccinations.map((v) => (
            <li key={v.id}>
              <span>{v.name}</span>
              <span className={`badge ${v.expiresOn < today ? 'badge-danger' : 'badge-success'}`}>{v.expiresOn < today ? `expired ${v.expiresOn}` : `valid to ${v.expiresOn}`}</span>
            </li>
          ))}
        </ul>
      )}
      {documents.data && documents.data.items.length > 0 && (
        <ul className="portal-docs">
          {documents.data.items.map((d) => (
            <li key={d.id}>
              <a href={`/api/portal/documents/${d.id}/file`} target="_blank" rel="noreferrer">
                {d.filename}
              </a>{' '}
              <span className="muted small">{d.status === 'pending_review' ? 'waiting for review' : d.status}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="portal-appt-actions">
        <button type="button" className="btn btn-secondary btn-sm" aria-expanded={uploading} onClick={() => setUploading((v) => !v)}>
          Upload a vaccination record
        </button>
      </div>
      {uploading && <UploadRecordForm petId={pet.id} onDone={() => setUploading(false)} />}
    </article>
  );
}

function UploadRecordForm({ petId, onDone }: { petId: string; onDone(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [vaccine, setVaccine] = useState('');
  const [given, setGiven] = useState('');
  const [expires, setExpires] = useState('');
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      if (vaccine.trim()) form.set('name', vaccine.trim());
      if (given) form.set('administeredOn', given);
      if (expires) form.set('expiresOn', expires);
      form.set('file', file as File);
      return portalApi.uploadRecord(petId, form);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.pets });
      void queryClient.invalidateQueries({ queryKey: ['portal', 'pet-documents', petId] });
      onDone();
    },
  });
  return (
    <form
      className="portal-panel form"
      onSubmit={(e) => {
        e.preventDefault();
        if (file) upload.mutate();
      }}
    >
      {upload.isError && <ErrorAlert error={upload.error} title="Not uploaded" />}
      <label className="field">
        <span className="field-label">Record (PDF or photo, up to 5 MB)</span>
        <input className="input input-file" type="file" accept="application/pdf,image/jpeg,image/png,image/webp,image/heic" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </label>
      <TextField label="Vaccine" placeholder="Rabies" value={vaccine} onChange={(e) => setVaccine(e.target.value)} hint="With the expiry date, it counts for bookings at once" />
      <div className="form-row">
        <TextField label="Given on" type="date" value={given} onChange={(e) => setGiven(e.target.value)} />
        <TextField label="Expires on" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={!file || upload.isPending}>
        Upload
      </button>
    </form>
  );
}
