import { useEffect, useState } from 'react';
import { saveBlob } from '../api/customer-client';
import type { ChatAttachmentInfo, ChatTransport } from './chat-api';

const sizeLabel = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** The page's content security policy allows data: images but not blob: ones. */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(blob);
  });
}

/**
 * A file in a message. Downloads need the bearer token, so images are fetched with it and shown
 * as a data: URL; other files download on click.
 */
export function ChatAttachment({ attachment, transport }: { attachment: ChatAttachmentInfo; transport: ChatTransport }) {
  const image = attachment.contentType.startsWith('image/') && attachment.contentType !== 'image/heic';
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!image) return;
    let gone = false;
    transport
      .download(attachment.id)
      .then(dataUrl)
      .then(
        (loaded) => gone || setUrl(loaded),
        () => gone || setFailed(true),
      );
    return () => {
      gone = true;
    };
  }, [image, attachment.id, transport]);

  const download = () => void transport.download(attachment.id).then((blob) => saveBlob(blob, attachment.filename), () => setFailed(true));

  return (
    <div className="chat-attachment" data-testid="chat-attachment">
      {image && url && <img src={url} alt={attachment.filename} className="chat-attachment-image" />}
      <button type="button" className="chat-attachment-link" onClick={download}>
        {attachment.filename} · {sizeLabel(attachment.sizeBytes)}
      </button>
      {failed && <span className="chat-attachment-error">Could not load the file</span>}
    </div>
  );
}
