import { useT } from '../i18n/i18n';
import { Link } from '../router/router';

export function NotFoundPage() {
  const t = useT();
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </section>
  );
}
